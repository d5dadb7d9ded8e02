package dev.aioskill.config;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback converter ({@code %maskedMsg}) that prints the formatted message, and the throwable's
 * message chain, with secrets masked. Registered in logback.xml.
 */
public final class SecretMaskingConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(Secrets.mask(event.getFormattedMessage()));
        IThrowableProxy error = event.getThrowableProxy();
        while (error != null) {
            out.append(" | ").append(error.getClassName());
            if (error.getMessage() != null) {
                out.append(": ").append(Secrets.mask(error.getMessage()));
            }
            error = error.getCause();
        }
        return out.toString();
    }
}
