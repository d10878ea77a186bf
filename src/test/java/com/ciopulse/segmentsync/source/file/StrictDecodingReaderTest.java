package com.ciopulse.segmentsync.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecodingReaderTest {

    @Test
    void validTextPassesUnchangedAndALeadingByteOrderMarkIsDropped() throws IOException {
        StrictDecodingReader reader = reader(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "id,name\n1,Zürich 東京 🙂\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(readAll(reader)).isEqualTo("id,name\n1,Zürich 東京 🙂\n");
        assertThat(reader.undecodable()).isZero();
        assertThat(reader.undecodableSummary()).isNull();
    }

    @Test
    void eachInvalidSequenceBecomesOneReplacementCharacterAndIsCountedWithWhereTheFirstWas() throws IOException {
        byte[] latin1 = "a,Zürich\nb,Genève\n".getBytes(StandardCharsets.ISO_8859_1);
        StrictDecodingReader reader = reader(latin1, StandardCharsets.UTF_8);

        assertThat(readAll(reader)).isEqualTo("a,Z\uFFFDrich\nb,Gen\uFFFDve\n");
        assertThat(reader.undecodable()).isEqualTo(2);
        assertThat(reader.undecodableSummary()).startsWith("2 byte sequence(s) are not valid UTF-8, the first at byte "
                + "offset 3 (0xFC)");
    }

    @Test
    void theByteOffsetCountsAcrossBufferRefillsAndATruncatedSequenceAtTheEndIsCaught() throws IOException {
        byte[] text = "x".repeat(40_000).getBytes(StandardCharsets.UTF_8);
        byte[] broken = concat(text, new byte[] {(byte) 0xFF}, text, new byte[] {(byte) 0xE6, (byte) 0x9D});
        StrictDecodingReader reader = reader(broken, StandardCharsets.UTF_8);

        String decoded = readAll(reader);

        assertThat(decoded).hasSize(80_002).endsWith("x\uFFFD");
        assertThat(decoded.charAt(40_000)).isEqualTo('\uFFFD');
        assertThat(reader.undecodable()).isEqualTo(2);
        assertThat(reader.undecodableSummary()).contains("the first at byte offset 40000 (0xFF)");
    }

    private static StrictDecodingReader reader(byte[] bytes, Charset charset) {
        return new StrictDecodingReader(new ByteArrayInputStream(bytes), charset);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[777];
        for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
            text.append(buffer, 0, read);
        }
        return text.toString();
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part);
        }
        return all.toByteArray();
    }
}
