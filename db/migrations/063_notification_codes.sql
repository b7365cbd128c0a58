-- Notifications as codes with parameters (#16): the bell and 我的待办 render a notification in the reader's language
-- from its code and params (domain/messages/notifications.ts); title and body stay, written as before, for the rows
-- written before codes and for readers without a catalogue.
alter table notifications add column code text, add column params jsonb;
