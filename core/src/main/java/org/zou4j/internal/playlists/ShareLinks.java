package org.zou4j.internal.playlists;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.mail.MailMessage;
import org.zou4j.mail.MailSender;

/**
 * Playlist share links (zou/app/services/playlist_sharing_service.py): managers create, list, revoke and mail them;
 * a token is validated (active, not expired, password) before any guest access. The password is stored as a bcrypt
 * hash and never serialized ({@code has_password} instead).
 */
public final class ShareLinks {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BCRYPT_COST = 10;

    private final PlaylistSupport s;
    private final MailSender mail;

    ShareLinks(PlaylistSupport s, MailSender mail) {
        this.s = s;
        this.mail = mail;
    }

    Map<String, Object> serialize(HookContext ctx, Row link) throws SQLException {
        Map<String, Object> m = s.one(ctx, "playlist_share_link", link);
        m.remove("password");
        Object pw = link.get("password");
        m.put("has_password", pw != null && !pw.toString().isEmpty());
        return m;
    }

    /** Global manager (or admin) and manager of the playlist's project. */
    private static Row managedPlaylist(HookContext ctx, String playlistIdText) throws SQLException {
        if (!ctx.caller().isAdmin() && !ctx.caller().hasRole("manager")) {
            throw ZouException.forbidden();
        }
        Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
        PlaylistSupport.requireManager(ctx, (UUID) playlist.get("project_id"));
        return playlist;
    }

    /** {@code PlaylistShareLinksResource.get}: the active links. */
    public List<Map<String, Object>> list(Caller caller, String playlistIdText) {
        return s.read(caller, ctx -> {
            Row playlist = managedPlaylist(ctx, playlistIdText);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row link : ctx.tx().select("playlist_share_link", List.of(Filter.eq("playlist_id", playlist.id()),
                    Filter.eq("is_active", true)), List.of(org.zou4j.internal.sql.Tx.Order.asc("created_at")), 0, 0)) {
                out.add(serialize(ctx, link));
            }
            return out;
        });
    }

    /** {@code PlaylistShareLinksResource.post}. */
    public Map<String, Object> create(Caller caller, String playlistIdText, String expirationDate,
                                      boolean canComment, String password) {
        LocalDateTime expiration = expiration(expirationDate);
        String hash = password == null || password.isEmpty() ? null : hash(password);
        return s.write(caller, ctx -> {
            Row playlist = managedPlaylist(ctx, playlistIdText);
            if (ctx.caller().personId() == null) {
                throw ZouException.wrongParameter("A share link needs a person as its author.");
            }
            UUID id = UUID.randomUUID();
            LocalDateTime now = ctx.now();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("token", UUID.randomUUID().toString());
            row.put("playlist_id", playlist.id());
            row.put("created_by", ctx.caller().personId());
            row.put("expiration_date", expiration);
            row.put("is_active", true);
            row.put("can_comment", canComment);
            row.put("password", hash);
            ctx.tx().insert("playlist_share_link", row);
            return serialize(ctx, ctx.tx().byId("playlist_share_link", id));
        });
    }

    /** {@code _get_expiration_datetime}: a date means its last second; a timestamp as given. */
    static LocalDateTime expiration(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text).atTime(LocalTime.MAX).withNano(999_999_000);
        } catch (DateTimeParseException e) {
            // not a plain date
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // maybe with an offset
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw ZouException.wrongParameter(text + " is not a valid ISO 8601 date");
        }
    }

    private static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 72) {
            bytes = java.util.Arrays.copyOf(bytes, 72);
        }
        return OpenBSDBCrypt.generate("2b", bytes, salt, BCRYPT_COST);
    }

    private static boolean check(String hash, String password) {
        try {
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 72) {
                bytes = java.util.Arrays.copyOf(bytes, 72);
            }
            return OpenBSDBCrypt.checkPassword(hash, bytes);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The link of {@code token} that belongs to this playlist, else 404. */
    private static Row linkOf(HookContext ctx, Row playlist, String token) throws SQLException {
        List<Row> links = token == null ? List.of()
                : ctx.tx().select("playlist_share_link", List.of(Filter.eq("token", token)));
        if (links.isEmpty() || !playlist.id().equals(links.get(0).get("playlist_id"))) {
            throw ZouException.notFound("Share link not found");
        }
        return links.get(0);
    }

    /** {@code PlaylistShareLinkResource.delete}: deactivates the link; answers it. */
    public Map<String, Object> revoke(Caller caller, String playlistIdText, String token) {
        return s.write(caller, ctx -> {
            Row playlist = managedPlaylist(ctx, playlistIdText);
            Row link = linkOf(ctx, playlist, token);
            ctx.tx().updateById("playlist_share_link", link.id(), Map.of("is_active", false,
                    "updated_at", ctx.now()));
            return serialize(ctx, ctx.tx().byId("playlist_share_link", link.id()));
        });
    }

    /**
     * {@code send_share_invitations}: the link must be active; recipients are the e-mails (validated, 400) and the
     * persons' e-mails, deduplicated; one mail each when the engine has a mail sender.
     */
    public Map<String, Object> invite(Caller caller, String playlistIdText, String token, List<String> emails,
                                      List<String> personIds, String message, String publicUrl) {
        return s.read(caller, ctx -> {
            Row playlist = managedPlaylist(ctx, playlistIdText);
            Row link = linkOf(ctx, playlist, token);
            if (!Boolean.TRUE.equals(link.get("is_active"))) {
                throw ZouException.notFound("Share link not found");
            }
            Map<String, String> recipients = new LinkedHashMap<>();
            for (String e : emails == null ? List.<String>of() : emails) {
                String email = e == null ? "" : e.trim();
                if (!EMAIL.matcher(email).matches()) {
                    throw new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, "Email not valid: " + e,
                            Map.of("error", "The email address is not valid: " + e));
                }
                recipients.putIfAbsent(email.toLowerCase(Locale.ROOT), email);
            }
            for (String p : personIds == null ? List.<String>of() : personIds) {
                UUID id = PlaylistSupport.asId(p);
                Row person = id == null ? null : ctx.tx().byId("person", id);
                Object email = person == null ? null : person.get("email");
                if (email != null && EMAIL.matcher(email.toString()).matches()) {
                    recipients.put(email.toString().toLowerCase(Locale.ROOT), email.toString());
                }
            }
            Row project = ctx.tx().byId("project", (UUID) playlist.get("project_id"));
            Row author = ctx.caller().personId() == null ? null : ctx.tx().byId("person", ctx.caller().personId());
            String url = (publicUrl == null ? "" : publicUrl.replaceAll("/+$", "")) + "/playlists/shared/" + token;
            String who = author == null ? "Kitsu" : (author.get("first_name") + " " + author.get("last_name")).trim();
            String subject = who + " invited you to review " + playlist.get("name") + " (" + project.get("name")
                    + ")";
            String text = who + " shared the playlist " + playlist.get("name") + " of " + project.get("name")
                    + " with you.\n\n" + (message == null ? "" : message + "\n\n") + url + "\n";
            List<String> sent = new ArrayList<>();
            for (String email : recipients.values()) {
                if (mail != null) {
                    mail.send(MailMessage.of(email, subject, text));
                }
                sent.add(email);
            }
            return Map.<String, Object>of("sent", sent);
        });
    }

    /**
     * {@code validate_share_token}: the link exists, is active, not expired, and the password matches when it has
     * one; else 404 (Zou's PlaylistShareLinkNotFoundException).
     */
    static Row validate(HookContext ctx, String token, String password, boolean checkPassword) throws SQLException {
        List<Row> links = token == null || token.length() > 64 ? List.of()
                : ctx.tx().select("playlist_share_link", List.of(Filter.eq("token", token)));
        if (links.isEmpty()) {
            throw ZouException.notFound("Share link not found");
        }
        Row link = links.get(0);
        if (!Boolean.TRUE.equals(link.get("is_active"))) {
            throw ZouException.notFound("Share link not found");
        }
        LocalDateTime expiration = (LocalDateTime) link.get("expiration_date");
        if (expiration != null && ctx.now().isAfter(expiration)) {
            throw ZouException.notFound("Share link not found");
        }
        Object hash = link.get("password");
        if (checkPassword && hash != null && !hash.toString().isEmpty()
                && (password == null || password.isEmpty() || !check(hash.toString(), password))) {
            throw ZouException.notFound("Share link not found");
        }
        return link;
    }
}
