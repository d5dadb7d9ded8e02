package dev.aioskill.check;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python source bytes decoded to text the way the interpreter reads them (a UTF-8 BOM, else a PEP 263
 * coding cookie on line 1 or 2, else UTF-8), so quoted lines in a review match what the checker saw.
 * Bytes that do not decode become U+FFFD here; the checker reports such a file as AIO000.
 */
public final class PythonSource {

    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");

    private PythonSource() {}

    public static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return lenient(StandardCharsets.UTF_8, ByteBuffer.wrap(bytes, 3, bytes.length - 3));
        }
        Charset charset = cookie(bytes);
        return lenient(charset, ByteBuffer.wrap(bytes));
    }

    /** True when the bytes decode cleanly in the file's own encoding. */
    public static boolean decodesCleanly(byte[] bytes) {
        try {
            cookie(bytes).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Charset cookie(byte[] bytes) {
        int lineStart = 0;
        for (int line = 0; line < 2 && lineStart < bytes.length; line++) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            String text = new String(bytes, lineStart, end - lineStart, StandardCharsets.ISO_8859_1);
            Matcher matcher = COOKIE.matcher(text);
            if (matcher.find()) {
                try {
                    return Charset.forName(pythonName(matcher.group(1)));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
            if (!text.isBlank() && !text.stripLeading().startsWith("#")) {
                break; // the cookie may only follow a comment or blank first line
            }
            lineStart = end + 1;
        }
        return StandardCharsets.UTF_8;
    }

    /** Python spellings Java does not know under the same name. */
    private static String pythonName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (lower.equals("latin-1") || lower.equals("latin1") || lower.startsWith("iso-latin-1")) {
            return "ISO-8859-1";
        }
        if (lower.startsWith("utf-8")) {
            return "UTF-8";
        }
        return lower;
    }

    private static String lenient(Charset charset, ByteBuffer bytes) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes.array(), StandardCharsets.UTF_8);
        }
    }
}
