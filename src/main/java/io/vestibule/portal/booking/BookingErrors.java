package io.vestibule.portal.booking;

import java.util.function.Supplier;

import io.vestibule.platform.FieldRefused;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.Meeting;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.rooms.PinRefused;
import io.vestibule.rooms.PinRule;

/** Turns booking's refusals into the API's errors: 400 naming the field, 404, or 409 for a cancelled meeting. */
final class BookingErrors {
    private BookingErrors() {
    }

    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (FieldRefused refused) {
            throw ApiProblem.invalidField(refused.field(), refused.reason(), refused.getMessage());
        } catch (PinRefused refused) {
            throw ApiProblem.invalidField(refused.field(), "weak_pin", refused.getMessage())
                    .with("rules", refused.rules().stream().map(PinRule::code).toList());
        } catch (BookingService.MeetingNotFound notFound) {
            throw ApiProblem.notFound();
        } catch (Meeting.MeetingCancelled cancelled) {
            throw new ApiProblem(409, "meeting_cancelled", "The meeting was cancelled and can no longer change.");
        }
    }

    static void translated(Runnable call) {
        translated(() -> {
            call.run();
            return null;
        });
    }
}
