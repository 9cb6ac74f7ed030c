package org.zou4j.plugin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link CustomAction} answers. Over HTTP a form post (Kitsu's non-ajax actions, opened in a new tab) gets a
 * page, the file or the redirect; an ajax post gets JSON ({@code {"type": "message", "message": ...}},
 * {@code {"type": "entities", "message": ..., "entities": [...]}}, {@code {"type": "redirect", "url": ...}}) or the
 * file itself.
 */
public sealed interface ActionResult
        permits ActionResult.Message, ActionResult.Entities, ActionResult.FileDownload, ActionResult.Redirect {

    /** A message for the caller. */
    record Message(String message) implements ActionResult {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The rows the action changed (as the data API answered them), with a message. */
    record Entities(String message, List<Map<String, Object>> entities) implements ActionResult {
        public Entities {
            Objects.requireNonNull(message, "message");
            entities = List.copyOf(entities);
        }
    }

    /** A file to download. */
    record FileDownload(String fileName, String contentType, byte[] content) implements ActionResult {
        public FileDownload {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Where the caller's browser should go next (absolute URL, or a path of the same server). */
    record Redirect(String url) implements ActionResult {
        public Redirect {
            Objects.requireNonNull(url, "url");
        }
    }

    static ActionResult message(String message) {
        return new Message(message);
    }

    static ActionResult entities(String message, List<Map<String, Object>> entities) {
        return new Entities(message, entities);
    }

    static ActionResult file(String fileName, String contentType, byte[] content) {
        return new FileDownload(fileName, contentType, content);
    }

    static ActionResult redirect(String url) {
        return new Redirect(url);
    }
}
