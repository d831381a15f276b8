-- Who gave each piece of chat feedback (the API caller; older rows have none).
ALTER TABLE clarion.chat_feedback ADD COLUMN given_by text;
