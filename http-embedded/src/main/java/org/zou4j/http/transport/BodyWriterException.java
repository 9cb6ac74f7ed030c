package org.zou4j.http.transport;

/** A streamed body failed; {@code committed} tells whether the response head had already been sent. */
final class BodyWriterException extends Exception {

    private final boolean committed;
    private final boolean clientGone;

    BodyWriterException(Throwable cause, boolean committed, boolean clientGone) {
        super(cause);
        this.committed = committed;
        this.clientGone = clientGone;
    }

    boolean committed() {
        return committed;
    }

    boolean clientGone() {
        return clientGone;
    }
}
