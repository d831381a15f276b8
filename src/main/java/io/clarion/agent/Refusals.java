package io.clarion.agent;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests a governed analytics agent must not act on, whatever the catalog holds: changing
 * data, and instructions smuggled into a question. Checked before anything is planned.
 */
public final class Refusals {
    private static final Pattern CHANGE = Pattern.compile(
            "\\b(delete|drop|truncate|insert|update|alter|remove|erase|wipe|purge|overwrite|modify|grant|revoke|"
                    + "deactivate|cancel|create table|merge into|set (?:the )?\\w+ (?:to|=))\\b");
    private static final Pattern INJECTION = Pattern.compile(
            "\\b(ignore|disregard|forget|override|bypass) (?:all |any |the |your |my |previous |prior |above |earlier |these |those )*"
                    + "(instructions?|rules|prompts?|guidelines|polic(?:y|ies)|restrictions|guardrails|system)\\b"
                    + "|\\bsystem prompt\\b|\\byou are now\\b|\\bdeveloper mode\\b|\\bjailbreak\\b|\\bact as (?:an? )?(?:admin|dba|root|superuser)\\b"
                    + "|\\b(run|execute|exec) (?:this |the following |raw |my )?(?:sql|query|statement|command)\\b"
                    + "|\\bselect \\S+ from\\b|;\\s*--|\\bunion select\\b|\\bpg_\\w+|\\binformation_schema\\b");

    private Refusals() {
    }

    public static Optional<String> check(String question) {
        String q = question.toLowerCase(Locale.ROOT);
        if (INJECTION.matcher(q).find()) {
            return Optional.of("I can't follow instructions embedded in a question, and I never run SQL or queries "
                    + "I'm handed: I answer only with the certified metrics of the catalog. Ask me a question about your data instead.");
        }
        if (CHANGE.matcher(q).find()) {
            return Optional.of("I can't change data: I only read it, through certified metrics. Ask me about it instead.");
        }
        return Optional.empty();
    }
}
