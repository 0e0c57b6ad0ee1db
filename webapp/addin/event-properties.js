// The names of the appointment's custom properties the add-in keeps: the event's key (which meeting it maps to at
// the service) and the meeting's id (for the task pane). Neither is secret: only the organizer's token opens either.
export const KEY_PROPERTY = 'vestibuleEventKey';
export const MEETING_PROPERTY = 'vestibuleMeetingId';
