package io.vestibule.portal.calendar;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.calendar.feed.CalendarFeeds;
import io.vestibule.calendar.feed.FeedAnswer;
import io.vestibule.calendar.feed.IssuedFeed;
import io.vestibule.calendar.feed.SubscribedCalendar;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.ErrorBodies;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.platform.net.TrustedProxies;
import io.vestibule.portal.signin.CurrentUser;
import io.vestibule.portal.signin.SignedIn;

/**
 * The signed-in user's calendar subscription (docs/api-notes.md "Calendar subscription"), and the feed itself, which
 * needs no sign-in: its token is the capability. The token is shown once, when made; asking again tells only whether
 * a subscription exists.
 */
@Path("/calendar/feed")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarFeedResource {
    static final String CALENDAR = "text/calendar;charset=utf-8";
    static final String FEED_PATH = "api/v1/calendar/feed/";

    @Inject
    CalendarFeeds feeds;

    @Inject
    SubscribedCalendar subscribed;

    @Inject
    CurrentUser currentUser;

    @Inject
    TrustedProxies proxies;

    @Inject
    @ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/")
    URI publicUrl;

    @Context
    HttpServletRequest http;

    /** Makes the user's subscription, or replaces it: the old address stops working. */
    @POST
    @SignedIn
    public JsonObject subscribe() {
        IssuedFeed issued = feeds.subscribe(currentUser.user().id());
        URI https = publicUrl.resolve(FEED_PATH + issued.token().value() + ".ics");
        return JsonBuilders.object()
                .add("url", "webcal" + https.toString().substring("https".length()))
                .add("httpsUrl", https.toString())
                .add("created", issued.created().toString())
                .build();
    }

    @GET
    @SignedIn
    public JsonObject subscription() {
        Optional<Instant> since = feeds.subscribedSince(currentUser.user().id());
        JsonObjectBuilder answer = JsonBuilders.object().add("subscribed", since.isPresent());
        since.ifPresent(created -> answer.add("created", created.toString()));
        return answer.build();
    }

    /** Revokes the subscription; revoking when there is none changes nothing. */
    @DELETE
    @SignedIn
    public Response revoke() {
        feeds.revoke(currentUser.user().id());
        return Response.noContent().build();
    }

    @GET
    @Path("/{token}.ics")
    @Produces(CALENDAR)
    public Response feed(@PathParam("token") String token) {
        FeedAnswer answer = subscribed.fetch(token, proxies.clientOf(http));
        if (answer instanceof FeedAnswer.Found found) {
            return Response.ok(found.calendar(), CALENDAR)
                    .header("Content-Disposition", "inline; filename=\"vestibule.ics\"")
                    .build();
        }
        if (answer instanceof FeedAnswer.Blocked blocked) {
            return ErrorBodies.response(429, "blocked", "Too many attempts from your address; try again later.", Map.of(),
                    Map.of("Retry-After", String.valueOf(blocked.retryAfter().toSeconds())));
        }
        throw ApiProblem.notFound();
    }
}
