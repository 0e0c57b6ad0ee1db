package io.vestibule.audit.jpa;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.AuditQuery;
import io.vestibule.audit.AuditSeverity;
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
    public void record(AuditEventType type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
        String bounded = detail.length() > AuditEvent.LONGEST_DETAIL ? detail.substring(0, AuditEvent.LONGEST_DETAIL) : detail;
        AuditEventRow row = new AuditEventRow(clock.instant(), type.type(), actor, sourceAddress, outcome, bounded);
        entityManager.persist(row);
        entityManager.flush();
        AuditEvent event = row.toEvent();
        sinks.forEach(sink -> sink.append(event));
        LOG.info(() -> "audit " + type.type() + " " + outcome + " by " + LogText.quoted(actor) + " from " + sourceAddress + ": " + LogText.quoted(bounded));
    }

    @Override
    @Transactional
    public List<AuditEvent> find(AuditQuery query) {
        Selection selection = selection(query);
        TypedQuery<AuditEventRow> select = entityManager.createQuery("select e from AuditEventRow e where " + selection.where()
                + " order by e.id desc", AuditEventRow.class).setMaxResults(query.limit());
        selection.parameters().forEach(select::setParameter);
        return select.getResultStream().map(AuditEventRow::toEvent).toList();
    }

    @Override
    @Transactional
    public long count(AuditQuery query) {
        Selection selection = selection(query);
        TypedQuery<Long> count = entityManager.createQuery("select count(e) from AuditEventRow e where " + selection.where(), Long.class);
        selection.parameters().forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** The JPQL condition of a query's filter (its limit aside), with the values it names. */
    private record Selection(String where, Map<String, Object> parameters) {
    }

    private static Selection selection(AuditQuery query) {
        StringBuilder where = new StringBuilder("e.occurredAt >= :from and e.occurredAt < :to");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", query.from().atOffset(ZoneOffset.UTC));
        parameters.put("to", query.to().atOffset(ZoneOffset.UTC));
        query.type().ifPresent(type -> {
            where.append(query.typeIsPrefix() ? " and e.type like :type" : " and e.type = :type");
            parameters.put("type", query.typeIsPrefix() ? likePrefix(type) : type);
        });
        query.actor().ifPresent(actor -> {
            // An actor is recorded as "name (source)", such as "dave (ldap)": the name alone finds it from every source.
            where.append(" and (e.actor = :actor or locate(:actorFromSource, e.actor) = 1)");
            parameters.put("actor", actor);
            parameters.put("actorFromSource", actor + " (");
        });
        query.outcome().ifPresent(outcome -> {
            where.append(" and e.outcome = :outcome");
            parameters.put("outcome", outcome);
        });
        query.minimumSeverity().ifPresent(minimum -> {
            Set<AuditEvent.Outcome> outcomes = AuditSeverity.outcomesAtLeast(minimum);
            where.append(" and (e.type in :alerts").append(outcomes.isEmpty() ? ")" : " or e.outcome in :severeOutcomes)");
            parameters.put("alerts", AuditEventType.alertTypes());
            if (!outcomes.isEmpty()) {
                parameters.put("severeOutcomes", outcomes);
            }
        });
        query.beforeId().ifPresent(id -> {
            where.append(" and e.id < :before");
            parameters.put("before", id);
        });
        return new Selection(where.toString(), parameters);
    }

    /** A LIKE pattern for everything starting with {@code prefix}; event types hold no LIKE wildcards ({@code [a-z0-9.-]}). */
    private static String likePrefix(String prefix) {
        return prefix + "%";
    }
}
