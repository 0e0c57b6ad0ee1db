package io.vestibule.booking;

public enum MeetingStatus {
    SCHEDULED, CANCELLED
}
