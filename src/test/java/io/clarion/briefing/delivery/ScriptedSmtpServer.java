package io.clarion.briefing.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that answers every RCPT TO with one fixed reply. GreenMail accepts every
 * recipient, and a real server's 550 or 451 is what the sender's classification is about.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String rcptReply;
    private final AtomicInteger rcpts = new AtomicInteger();
    private final Thread acceptor;

    ScriptedSmtpServer(String rcptReply) {
        this.rcptReply = rcptReply;
        try {
            this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(this::serve, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** RCPT TO commands received, one per delivery attempt. */
    int rcptCount() {
        return rcpts.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                reply(out, "220 scripted ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String command = line.toUpperCase(Locale.ROOT);
                    if (command.startsWith("EHLO") || command.startsWith("HELO")) reply(out, "250 scripted");
                    else if (command.startsWith("MAIL")) reply(out, "250 OK");
                    else if (command.startsWith("RCPT")) {
                        rcpts.incrementAndGet();
                        reply(out, rcptReply);
                    } else if (command.startsWith("RSET") || command.startsWith("NOOP")) reply(out, "250 OK");
                    else if (command.startsWith("QUIT")) {
                        reply(out, "221 bye");
                        break;
                    } else reply(out, "502 not implemented");
                }
            } catch (IOException e) {
                // closed by the test, or the client hung up: wait for the next connection
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
