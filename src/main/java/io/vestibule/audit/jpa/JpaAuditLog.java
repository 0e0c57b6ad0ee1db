package io.vestibule.audit.jpa;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.AuditRecordSink;
import io.vestibule.platform.logging.LogText;

/**
 * The audit log in the database, each event also written to the service log and handed to every
 * {@link AuditRecordSink}. An event is recorded in a transaction of its own, so a refused action is recorded even
 * though the action's own transaction rolls back.
 */
@ApplicationScoped
public class JpaAuditLog implements AuditLog {
    private static final Logger LOG = Logger.getLogger("io.vestibule.audit");

    @PersistenceContext(unitName = "vestibule")
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    Instance<AuditRecordSink> sinks;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
        String bounded = detail.length() > AuditEvent.LONGEST_DETAIL ? detail.substring(0, AuditEvent.LONGEST_DETAIL) : detail;
        AuditEventRow row = new AuditEventRow(clock.instant(), type, actor, sourceAddress, outcome, bounded);
        entityManager.persist(row);
        entityManager.flush();
        AuditEvent event = row.toEvent();
        sinks.forEach(sink -> sink.append(event));
        LOG.info(() -> "audit " + type + " " + outcome + " by " + LogText.quoted(actor) + " from " + sourceAddress + ": " + LogText.quoted(bounded));
    }

    @Override
    @Transactional
    public List<AuditEvent> find(Instant from, Instant to, Optional<String> type, int limit) {
        TypedQuery<AuditEventRow> query = entityManager.createQuery("select e from AuditEventRow e where e.occurredAt >= :from"
                        + " and e.occurredAt < :to" + (type.isPresent() ? " and e.type = :type" : "") + " order by e.occurredAt desc, e.id desc",
                        AuditEventRow.class)
                .setParameter("from", from.atOffset(ZoneOffset.UTC))
                .setParameter("to", to.atOffset(ZoneOffset.UTC))
                .setMaxResults(limit);
        type.ifPresent(value -> query.setParameter("type", value));
        return query.getResultStream().map(AuditEventRow::toEvent).toList();
    }
}
