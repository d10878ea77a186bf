package com.ciopulse.segmentsync.source.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;

/**
 * Decodes a file strictly: every byte sequence that is not valid in the charset is reported by the decoder
 * ({@link CodingErrorAction#REPORT}), counted, and stands in the text as {@link #UNDECODABLE} (U+FFFD), so the
 * parser keeps its place and the rows around it still go through, while the mapping refuses any value that holds
 * it: text decoded with the wrong charset is never sent. A byte order mark at the start is dropped.
 */
final class StrictDecodingReader extends Reader {

    /** What an undecodable byte sequence becomes in the text: the Unicode replacement character. */
    static final char UNDECODABLE = '\uFFFD';
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Why a mapped value cannot be sent: it holds bytes the charset could not decode; null when it holds none. */
    static String undecodableIn(String text) {
        int at = text.indexOf(UNDECODABLE);
        return at < 0 ? null : "holds bytes that are not valid in the file's charset (shown as U+FFFD at position "
                + (at + 1) + "); is the file in another charset? set the source's charset";
    }

    private final InputStream input;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
    private long bytesBeforeBuffer;
    private boolean endOfInput;
    private boolean flushed;
    private boolean atStart = true;
    private long undecodable;
    private String firstUndecodable;

    StrictDecodingReader(InputStream input, Charset charset) {
        this.input = input;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            if (!decodeInto(out)) {
                return -1;
            }
        }
        if (atStart) {
            atStart = false;
            if (target[offset] == BYTE_ORDER_MARK) {
                System.arraycopy(target, offset + 1, target, offset, out.position() - offset - 1);
                out.position(out.position() - 1);
                return out.position() == offset ? read(target, offset, length) : out.position() - offset;
            }
        }
        return out.position() - offset;
    }

    /** Decodes what it can into {@code out}; false once everything was decoded and nothing more came. */
    private boolean decodeInto(CharBuffer out) throws IOException {
        if (flushed) {
            return false;
        }
        CoderResult result = decoder.decode(bytes, out, endOfInput);
        if (result.isError()) {
            noteUndecodable(result.length());
            bytes.position(bytes.position() + result.length());
            out.put(UNDECODABLE);
            return true;
        }
        if (result.isOverflow()) {
            return true;
        }
        if (!endOfInput) {
            fill();
            return true;
        }
        flushed = true;
        decoder.flush(out);
        return true;
    }

    private void fill() throws IOException {
        // the bytes decoded so far leave the buffer; the undecoded rest moves to its start
        bytesBeforeBuffer += bytes.position();
        bytes.compact();
        int read = input.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void noteUndecodable(int length) {
        undecodable++;
        if (firstUndecodable == null) {
            byte[] sequence = new byte[length];
            bytes.get(bytes.position(), sequence);
            firstUndecodable = "byte offset " + (bytesBeforeBuffer + bytes.position()) + " (0x"
                    + HexFormat.of().withUpperCase().formatHex(sequence) + ")";
        }
    }

    /** How many byte sequences could not be decoded so far. */
    long undecodable() {
        return undecodable;
    }

    /** For the file's result: how many sequences were not valid and where the first one was; null if none. */
    String undecodableSummary() {
        if (undecodable == 0) {
            return null;
        }
        return undecodable + " byte sequence(s) are not valid " + charset.name() + ", the first at "
                + firstUndecodable + "; the records whose mapped values hold them were rejected (is the file in "
                + "another charset? set the source's charset)";
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
