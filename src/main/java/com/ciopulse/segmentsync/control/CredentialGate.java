package com.ciopulse.segmentsync.control;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets the first call of the Segments API go out alone until the API has answered it, so that a wrong key costs one
 * request and one HALTED line, not one request from every record in flight. Once an answer other than 401 came,
 * calls go out freely (one volatile read each). After a 401 no call goes out (each ends as refused, without a
 * request) until the credential probe, which alone may pass, finds the key accepted again.
 */
public class CredentialGate {

    /** Exchange property of the credential probe's call: it passes the gate while the credentials are refused. */
    public static final String PROBE = "syncCredentialProbe";
    private static final String CHECKING_CALL = "syncCredentialCheck";

    private enum State { UNCONFIRMED, CHECKING, CONFIRMED, REFUSED }

    private volatile State state = State.UNCONFIRMED;

    /** Thrown instead of sending a call while the credentials are refused; the API route answers it as a 401. */
    public static final class CredentialsRefusedException extends IOException {
        CredentialsRefusedException() {
            super("not sent: the Segments API refused the credentials (401) to an earlier call");
        }
    }

    /** Before a call: waits while the first call is out; fails when the credentials were refused. */
    public Processor enterStep() {
        return this::enter;
    }

    /** After a call, however it ended: its status decides the state (0: no answer, which confirms nothing). */
    public Processor answeredStep() {
        return exchange -> answered(exchange, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0,
                Integer.class));
    }

    void enter(Exchange exchange) throws InterruptedException, CredentialsRefusedException {
        if (state == State.CONFIRMED) {
            return;
        }
        synchronized (this) {
            while (true) {
                switch (state) {
                    case CONFIRMED:
                        return;
                    case UNCONFIRMED:
                        state = State.CHECKING;
                        exchange.setProperty(CHECKING_CALL, true);
                        return;
                    case REFUSED:
                        if (exchange.getProperty(PROBE, false, Boolean.class)) {
                            return;
                        }
                        throw new CredentialsRefusedException();
                    case CHECKING:
                        wait();
                        break;
                    default:
                        throw new IllegalStateException(String.valueOf(state));
                }
            }
        }
    }

    void answered(Exchange exchange, int status) {
        boolean checking = exchange.getProperty(CHECKING_CALL, false, Boolean.class);
        if (!checking && status != 401) {
            return;
        }
        synchronized (this) {
            if (status == 401) {
                state = State.REFUSED;
            } else if (checking) {
                // no answer says nothing of the key: the next call checks again
                state = status == 0 ? State.UNCONFIRMED : State.CONFIRMED;
            }
            notifyAll();
        }
    }

    /** The credential probe found the key accepted: calls go out again. */
    public synchronized void accepted() {
        state = State.CONFIRMED;
        notifyAll();
    }
}
