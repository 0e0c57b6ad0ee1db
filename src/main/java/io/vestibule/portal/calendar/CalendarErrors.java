package io.vestibule.portal.calendar;

import java.util.function.Supplier;

import io.vestibule.booking.BookingService;
import io.vestibule.booking.Meeting;
import io.vestibule.calendar.CalendarEventNotFound;
import io.vestibule.calendar.CalendarEventRaced;
import io.vestibule.platform.FieldRefused;
import io.vestibule.platform.api.ApiProblem;

/** Turns refusals of calendar events into the API's errors: 400 naming the field, 404 for an event the caller lacks, 409 for a lost race. */
final class CalendarErrors {
    private CalendarErrors() {
    }

    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (FieldRefused refused) {
            throw ApiProblem.invalidField(refused.field(), refused.reason(), refused.getMessage());
        } catch (CalendarEventNotFound | BookingService.MeetingNotFound notFound) {
            throw ApiProblem.notFound();
        } catch (CalendarEventRaced raced) {
            throw new ApiProblem(409, "concurrent_change", "Other calls changed this event at the same time; send it again.");
        } catch (Meeting.MeetingCancelled cancelled) {
            // Only a DELETE racing this PUT gets here; the next PUT books the event a new meeting.
            throw new ApiProblem(409, "meeting_cancelled", "The event's meeting was cancelled meanwhile; send the event again.");
        }
    }

    static void translated(Runnable call) {
        translated(() -> {
            call.run();
            return null;
        });
    }
}
