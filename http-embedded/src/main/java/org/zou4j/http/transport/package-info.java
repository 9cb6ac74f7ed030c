/**
 * Embeddable HTTP/1.1 transport for zou4j, independent of the engine.
 *
 * <p>NanoHTTPD 2.3.1 accepts connections (server socket, TLS socket factory, accept loop); everything on the
 * wire after {@code accept()} is ours: request heads are parsed with size limits, bodies are read exactly
 * (Content-Length or chunked) and decoded as UTF-8 by the caller, responses are written with
 * Content-Length or chunked framing, optional gzip, Zou's security headers and optional CORS.
 * Every error the transport itself produces is Zou's JSON shape {@code {"error": true, "message": "..."}}.
 *
 * <p>Public types: {@link org.zou4j.http.transport.HttpTransport}, {@link org.zou4j.http.transport.HttpServerConfig},
 * {@link org.zou4j.http.transport.RequestHandler}, {@link org.zou4j.http.transport.HttpRequest},
 * {@link org.zou4j.http.transport.HttpResponse} and {@link org.zou4j.http.transport.BodyWriter}.
 * Everything else is package-private.
 */
package org.zou4j.http.transport;
