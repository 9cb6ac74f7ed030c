package org.zou4j.http.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served on its own thread in place of NanoHTTPD's HTTPSession: reads requests one
 * after another (keep-alive, pipelining), calls the handler, writes the responses.
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ALLOW = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    private static final int IDLE = 0;
    private static final int ACTIVE = 1;
    private static final int CLOSED = 2;
    private static final int ERROR_LINGER_MILLIS = 2000;

    private final Socket socket;
    private final TransportContext context;
    private final WireInput in;
    private final WatchedOutputStream watched;
    private final ResponseWriter writer;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final String remoteAddress;
    private final boolean secure;

    Connection(Socket socket, TransportContext context) throws IOException {
        this.socket = socket;
        this.context = context;
        this.in = new WireInput(socket.getInputStream());
        this.watched = new WatchedOutputStream(socket.getOutputStream());
        OutputStream out = new BufferedOutputStream(watched, 8192);
        this.writer = new ResponseWriter(out, context.config(), context.cors());
        this.remoteAddress = socket.getInetAddress().getHostAddress();
        this.secure = socket instanceof SSLSocket;
    }

    Socket socket() {
        return socket;
    }

    /** Serves requests until the client leaves, the idle timeout passes, or the server shuts down. */
    void serve() {
        try {
            while (true) {
                socket.setSoTimeout(context.idleTimeoutMillis());
                if (!in.awaitData() || !state.compareAndSet(IDLE, ACTIVE)) {
                    return;
                }
                socket.setSoTimeout(context.readTimeoutMillis());
                if (!exchange() || !state.compareAndSet(ACTIVE, IDLE) || context.shuttingDown()) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.trace("Idle keep-alive connection from {} timed out", remoteAddress);
        } catch (IOException e) {
            LOG.debug("Connection from {} ended: {}", remoteAddress, e.toString());
        } finally {
            state.set(CLOSED);
            Sockets.closeQuietly(socket);
        }
    }

    /** Closes the connection if it is waiting for a request; a request in progress is left to finish. */
    void closeIfIdle() {
        if (state.compareAndSet(IDLE, CLOSED)) {
            Sockets.closeQuietly(socket);
        }
    }

    void forceClose() {
        state.set(CLOSED);
        Sockets.closeQuietly(socket);
    }

    /** Nanotime since which a socket write has been blocked, or 0 when none is. */
    long writeBlockedSince() {
        return watched.blockedSince();
    }

    /** Reads one request and answers it; returns whether the connection may be reused. */
    private boolean exchange() throws IOException {
        RequestHead head;
        in.setDeadline(context.readTimeoutNanos());
        try {
            head = HeadParser.read(in, context.config().maxHeadSize());
        } catch (HttpError e) {
            return failAndClose(e.status(), Exchange.bare());
        } catch (SocketTimeoutException e) {
            return failAndClose(408, Exchange.bare());
        } finally {
            in.clearDeadline();
        }
        if (head == null) {
            return false;
        }
        Exchange exchange = Exchange.of(head, context.shuttingDown());
        ReadBody body;
        try {
            body = readBody(head);
        } catch (HttpError e) {
            return failAndClose(e.status(), exchange.closing());
        } catch (SocketTimeoutException e) {
            return failAndClose(408, exchange.closing());
        }
        try {
            return respond(exchange, head, dispatch(head, body));
        } finally {
            body.discard(); // a spooled body lives for its request only, whatever happened
        }
    }

    private ReadBody readBody(RequestHead head) throws IOException, HttpError {
        long length = BodyReader.length(head);
        HttpServerConfig config = context.config();
        // Forms (Zou's upload routes take multipart) have the upload limit; anything else the (tighter) body limit.
        long max = isMultipart(head) ? config.maxUploadSize() : config.maxBodySize();
        if (length > max) {
            throw HttpError.closing(413);
        }
        if (length != 0 && head.expectsContinue()) {
            writer.sendContinue();
        }
        if (length == BodyReader.CHUNKED) {
            return BodyReader.readChunked(in, max, config.maxHeadSize(), config.spoolThreshold(), context.spool());
        }
        return BodyReader.readFixed(in, length, config.spoolThreshold(), context.spool());
    }

    private static boolean isMultipart(RequestHead head) {
        String type = head.joined("content-type");
        return type != null && type.trim().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    private HttpResponse dispatch(RequestHead head, ReadBody body) {
        if (!METHODS.contains(head.method())) {
            return HttpStatus.errorResponse(405).withHeader("Allow", ALLOW);
        }
        DecodedTarget target;
        try {
            target = UriDecoder.decode(head.target());
        } catch (UriDecoder.MalformedTargetException e) {
            return HttpStatus.errorResponse(400);
        }
        if (context.cors().isPreflight(head)) {
            return context.cors().preflight(head);
        }
        HttpRequest request = new HttpRequest(head, target, body, remoteAddress, secure);
        try {
            HttpResponse response = context.handler().handle(request);
            if (response == null) {
                throw new IllegalStateException("RequestHandler returned null");
            }
            return response;
        } catch (Throwable t) { // even an Error: the client gets its 500 and the connection stays sane
            // Only method and path: the query, headers and body may carry secrets.
            LOG.error("Unhandled exception while handling {} {}", request.method(), request.rawPath(), t);
            return HttpStatus.errorResponse(500);
        }
    }

    private boolean respond(Exchange request, RequestHead head, HttpResponse response) throws IOException {
        // A shutdown that began while the handler ran still gets "Connection: close" on this response.
        Exchange exchange = context.shuttingDown() ? request.closing() : request;
        try {
            return writer.send(exchange, response);
        } catch (BodyWriterException e) {
            if (e.clientGone()) {
                LOG.debug("Client {} went away during a streamed response: {}", remoteAddress, e.getCause().toString());
                return false;
            }
            LOG.error("Streamed response body failed for {} {}", head.method(), pathOnly(head.target()), e.getCause());
            if (e.committed()) {
                return false; // no terminating chunk: the client sees a truncated body, not a complete wrong one
            }
            try {
                return writer.send(exchange, HttpStatus.errorResponse(500));
            } catch (BodyWriterException impossible) {
                return false;
            }
        }
    }

    /** Answers an error found while the request was only partly read, then closes. */
    private boolean failAndClose(int status, Exchange exchange) {
        try {
            writer.send(exchange, HttpStatus.errorResponse(status));
            Sockets.lingeringClose(socket, ERROR_LINGER_MILLIS);
        } catch (IOException | BodyWriterException e) {
            LOG.debug("Could not send {} to {}: {}", status, remoteAddress, e.toString());
        }
        return false;
    }

    private static String pathOnly(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
