package org.zou4j.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.http.transport.HttpResponse;

/** JSON answers of the route layer. */
public final class Json {
    private final ObjectMapper mapper;
    private final ObjectReader strict;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strict = mapper.readerFor(Object.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A reader of request bodies: one JSON value and nothing after it ({@code {"a":1}xyz} is malformed). */
    public ObjectReader strictReader() {
        return strict;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public HttpResponse ok(Object body) {
        return answer(200, body);
    }

    public HttpResponse answer(int status, Object body) {
        try {
            return HttpResponse.json(status, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Answer is not serializable", e);
        }
    }

    /** Zou's answer for an engine error: its status and its exact body. */
    public HttpResponse error(ZouException e) {
        return answer(e.httpStatus(), e.body());
    }

    /** Zou's error body shape {@code {"error": true, "message": m}}. */
    public HttpResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("message", message);
        return answer(status, body);
    }
}
