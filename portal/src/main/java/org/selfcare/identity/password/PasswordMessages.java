package org.selfcare.identity.password;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns password rules and input errors into the plain sentences of {@code messages.properties}, in the
 * request's locale.
 */
@Component
public class PasswordMessages {

    private final MessageSource messages;

    private final PasswordPolicy policy;

    PasswordMessages(MessageSource messages, PasswordPolicy policy) {
        this.messages = messages;
        this.policy = policy;
    }

    /**
     * Returns the message of {@code key}, which may use the minimum length as argument 0 and the maximum as 1.
     */
    public String text(String key) {
        return messages.getMessage(key, new Object[] { policy.minLength(), PasswordPolicy.MAX_LENGTH },
                LocaleContextHolder.getLocale());
    }

    public List<String> rules(List<PasswordRule> rules) {
        return rules.stream().map((rule) -> text(rule.messageKey())).toList();
    }
}
