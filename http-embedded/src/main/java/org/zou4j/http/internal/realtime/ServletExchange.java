package org.zou4j.http.internal.realtime;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;

/**
 * One request of our transport seen through the few servlet calls the Engine.IO server library makes (query string,
 * headers, attributes, body, asynchronous completion for long polls), and the response it writes collected into one
 * of our responses. Only the methods the library calls are implemented; any other call fails loudly with its name,
 * so a library upgrade that needs more is caught by the tests rather than misbehaving.
 */
final class ServletExchange {
    private final HttpRequest request;
    private final Map<String, Object> attributes = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final List<AsyncListener> listeners = new ArrayList<>();
    private final CountDownLatch completed = new CountDownLatch(1);
    private final HttpServletRequest servletRequest;
    private final HttpServletResponse servletResponse;
    private final AsyncContext asyncContext;
    private int status = 200;
    private String contentType;
    private volatile boolean asyncStarted;
    private PrintWriter writer;

    ServletExchange(HttpRequest request) {
        this.request = request;
        this.servletRequest = proxy(HttpServletRequest.class, this::onRequest);
        this.servletResponse = proxy(HttpServletResponse.class, this::onResponse);
        this.asyncContext = proxy(AsyncContext.class, this::onAsync);
    }

    HttpServletRequest request() {
        return servletRequest;
    }

    HttpServletResponse response() {
        return servletResponse;
    }

    /**
     * The collected response: at once for an ordinary request, or when the library completes a long poll (it does
     * within its ping interval). A poll still open after {@code maxWait} is timed out as a servlet container would,
     * which makes the library answer it with a no-op packet.
     */
    HttpResponse awaitResponse(long maxWaitMillis) throws InterruptedException {
        if (asyncStarted && !completed.await(maxWaitMillis, TimeUnit.MILLISECONDS)) {
            List<AsyncListener> toNotify;
            synchronized (this) {
                toNotify = List.copyOf(listeners);
            }
            for (AsyncListener listener : toNotify) {
                try {
                    listener.onTimeout(new AsyncEvent(asyncContext, servletRequest, servletResponse));
                } catch (IOException e) {
                    break;
                }
            }
            completed.await(5, TimeUnit.SECONDS);
        }
        synchronized (this) {
            if (writer != null) {
                writer.flush();
            }
            HttpResponse response = HttpResponse.bytes(status,
                    contentType == null ? "text/plain; charset=UTF-8" : contentType, body.toByteArray());
            for (Map.Entry<String, String> header : headers) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response.withHeader("Cache-Control", "no-store");
        }
    }

    // ---- HttpServletRequest ----------------------------------------------------------------------------------------

    private Object onRequest(Method method, Object[] args) {
        switch (method.getName()) {
            case "getQueryString":
                return request.rawQuery();
            case "getMethod":
                return request.method();
            case "getHeader":
                return request.header((String) args[0]).orElse(null);
            case "getHeaders":
                return Collections.enumeration(request.headerValues((String) args[0]));
            case "getHeaderNames":
                return Collections.enumeration(new ArrayList<>(request.headers().keySet()));
            case "getAttribute":
                synchronized (this) {
                    return attributes.get((String) args[0]);
                }
            case "setAttribute":
                synchronized (this) {
                    attributes.put((String) args[0], args[1]);
                }
                return null;
            case "removeAttribute":
                synchronized (this) {
                    attributes.remove((String) args[0]);
                }
                return null;
            case "getContentLength":
                return request.bodyLength();
            case "getContentLengthLong":
                return (long) request.bodyLength();
            case "getContentType":
                return request.contentType().orElse(null);
            case "getInputStream":
                return new BodyInput(request.body());
            case "isAsyncSupported":
                return true;
            case "isAsyncStarted":
                return asyncStarted;
            case "startAsync":
                asyncStarted = true;
                return asyncContext;
            case "getAsyncContext":
                return asyncContext;
            case "getRemoteAddr":
                return request.remoteAddress();
            case "isSecure":
                return request.isSecure();
            default:
                throw unsupported(method);
        }
    }

    // ---- HttpServletResponse ---------------------------------------------------------------------------------------

    private synchronized Object onResponse(Method method, Object[] args) {
        switch (method.getName()) {
            case "setStatus":
                status = (Integer) args[0];
                return null;
            case "getStatus":
                return status;
            case "setContentType":
                contentType = (String) args[0];
                return null;
            case "getContentType":
                return contentType;
            case "setCharacterEncoding":
            case "setContentLength":
            case "setContentLengthLong":
                return null; // the transport frames the collected body itself
            case "getCharacterEncoding":
                return "UTF-8";
            case "addHeader":
                headers.add(Map.entry((String) args[0], (String) args[1]));
                return null;
            case "setHeader":
                headers.removeIf(h -> h.getKey().equalsIgnoreCase((String) args[0]));
                headers.add(Map.entry((String) args[0], (String) args[1]));
                return null;
            case "getOutputStream":
                return new BodyOutput(body);
            case "getWriter":
                if (writer == null) {
                    writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
                }
                return writer;
            case "flushBuffer":
                return null;
            case "isCommitted":
                return completed.getCount() == 0;
            default:
                throw unsupported(method);
        }
    }

    // ---- AsyncContext ----------------------------------------------------------------------------------------------

    private Object onAsync(Method method, Object[] args) {
        switch (method.getName()) {
            case "addListener":
                synchronized (this) {
                    listeners.add((AsyncListener) args[0]);
                }
                return null;
            case "setTimeout":
                return null; // awaitResponse bounds the wait
            case "complete":
                synchronized (this) {
                    if (writer != null) {
                        writer.flush();
                    }
                }
                completed.countDown();
                return null;
            case "getRequest":
                return servletRequest;
            case "getResponse":
                return servletResponse;
            default:
                throw unsupported(method);
        }
    }

    private static UnsupportedOperationException unsupported(Method method) {
        return new UnsupportedOperationException("Not provided to the Engine.IO library: "
                + method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }

    /** A handler of the calls of one proxied interface (the {@code Object} methods are answered here). */
    @FunctionalInterface
    private interface Calls {
        Object call(Method method, Object[] args) throws Exception;
    }

    private <T> T proxy(Class<T> type, Calls calls) {
        InvocationHandler handler = (self, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return type.getSimpleName() + "[" + request.method() + " " + request.rawPath() + "]";
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(self);
                    }
                    break;
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return self == args[0];
                    }
                    break;
                default:
                    break;
            }
            return calls.call(method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The already-read request body as a servlet input stream. */
    private static final class BodyInput extends ServletInputStream {
        private final ByteArrayInputStream in;

        BodyInput(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("non-blocking reads are not provided");
        }
    }

    /** The response body as a servlet output stream (closing it keeps what was written). */
    private static final class BodyOutput extends ServletOutputStream {
        private final ByteArrayOutputStream out;

        BodyOutput(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            synchronized (out) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (out) {
                out.write(b, off, len);
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("non-blocking writes are not provided");
        }
    }
}
