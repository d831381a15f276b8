package io.clarion.briefing.delivery;

import java.util.Objects;

/**
 * One rendered Slack message.
 *
 * @param slackUserId the owner's Slack user id, the channel of chat.postMessage; may be null when
 *                    messages go to an incoming webhook
 * @param text        the fallback text (notifications, clients without Block Kit)
 * @param blocksJson  a Block Kit JSON array; may be null for a text-only message
 * @param idempotencyKey the same for every send of one delivery, sent as the message's metadata
 *                    (event {@value SlackSender#EVENT_TYPE}); null for a one-off
 */
public record SlackMessage(String slackUserId, String text, String blocksJson, String idempotencyKey) {
    public SlackMessage {
        Objects.requireNonNull(text, "text");
    }

    public SlackMessage(String slackUserId, String text, String blocksJson) {
        this(slackUserId, text, blocksJson, null);
    }
}
