package dev.aioskill.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A free-text argument of build and ask: the text itself, or {@code -} to read it from standard input. */
final class TextArgument {

    private TextArgument() {}

    /** The text (stdin read as UTF-8 for {@code -}); blank text is a usage error with the given message. */
    static String read(String value, String whenEmpty) throws IOException {
        String text = value.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : value;
        if (text.isBlank()) {
            throw new UsageException(whenEmpty);
        }
        return text;
    }

    /** Output formats of build and ask answers. */
    enum Format { markdown, json }
}
