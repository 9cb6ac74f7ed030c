package org.zou4j.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.http.transport.HttpRequest;

/** One request being served: the request, its path parameters, and the caller once authenticated. */
public final class Call {
    private final HttpRequest request;
    private final Map<String, String> params;
    private final ZouEngine engine;
    private final Json json;
    private final Authenticator authenticator;
    private Session session;

    Call(HttpRequest request, Map<String, String> params, ZouEngine engine, Json json, Authenticator authenticator) {
        this.request = request;
        this.params = params;
        this.engine = engine;
        this.json = json;
        this.authenticator = authenticator;
    }

    public HttpRequest request() {
        return request;
    }

    public ZouEngine engine() {
        return engine;
    }

    public Json json() {
        return json;
    }

    /** A path parameter, e.g. {@code id} of {@code /data/tasks/<id>}. */
    public String param(String name) {
        return params.get(name);
    }

    public boolean isHead() {
        return request.method().equals("HEAD");
    }

    /** The query string as the engine's {@link Query}. */
    public Query query() {
        return Query.of(request.queryParameters());
    }

    /** The caller's session (the route required a token). */
    public Session session() {
        if (session == null) {
            session = authenticator.authenticate(request);
        }
        return session;
    }

    void authenticate() {
        session();
    }

    /**
     * The JSON object body of a POST/PUT, as Zou reads it: 415 when the content type is not JSON, 400 when malformed,
     * {@code null} for a JSON {@code null}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonObjectBody() {
        Object body = jsonBody();
        if (body == null) {
            return null;
        }
        if (!(body instanceof Map)) {
            throw ZouException.badRequest(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        return (Map<String, Object>) body;
    }

    /** Any JSON body value. */
    public Object jsonBody() {
        Optional<String> type = request.contentType();
        if (type.isEmpty() || !type.get().toLowerCase(Locale.ROOT).contains("json")) {
            throw new ZouException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Did not attempt to load JSON data because the "
                    + "request Content-Type was not 'application/json'.");
        }
        String text = bodyText();
        if (text.isBlank()) {
            throw ZouException.badRequest(ErrorCode.MALFORMED_JSON,
                    "The browser (or proxy) sent a request that this server could not understand.");
        }
        try {
            return json.strictReader().readValue(text);
        } catch (IOException e) {
            throw malformedBody("Malformed JSON body");
        }
    }

    /**
     * The body as text in the charset its Content-Type declares (UTF-8 when none): bytes that are not valid in that
     * charset are a 400, never replaced by U+FFFD; an unknown charset is a 400 too.
     */
    public String bodyText() {
        Charset charset = declaredCharset(request.contentType().orElse(""));
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(request.body())).toString();
        } catch (CharacterCodingException e) {
            throw malformedBody("The request body is not valid " + charset.name());
        }
    }

    private static Charset declaredCharset(String contentType) {
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = param.substring(eq + 1).trim();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw malformedBody("Unsupported charset in Content-Type");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Zou's 400 for a body it cannot read; {@code message} is the in-process message (the body stays Zou's). */
    private static ZouException malformedBody(String message) {
        return new ZouException(ErrorCode.MALFORMED_JSON, 400, message, Map.of("error", true, "message",
                "The browser (or proxy) sent a request that this server could not understand."));
    }

    /** Values of a repeated query parameter. */
    public List<String> queryValues(String name) {
        return request.queryParams(name);
    }
}
