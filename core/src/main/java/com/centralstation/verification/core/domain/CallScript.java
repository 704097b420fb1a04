package com.centralstation.verification.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * The keypad dialogue of a call to a contact. The call opens with the alarm and the menu: 1 sends emergency
 * services, 2 says it is a false alarm, 9 repeats the alarm. A choice is repeated back and confirmed with 1; any
 * other key goes back to the menu. A question that gets no key is asked once more; after
 * {@value #PROMPTS} silent prompts the call ends politely without an answer.
 *
 * <p>The dialogue keeps no state of its own: every question names its {@link Step} (the provider posts the keys to
 * an address made from it), so a repeated or delayed post is answered exactly like the first.
 */
public final class CallScript {

    /** How often a question is asked without a key before the call ends. */
    public static final int PROMPTS = 2;

    static final String DISPATCH_KEY = "1";
    static final String DISREGARD_KEY = "2";
    static final String REPEAT_KEY = "9";
    static final String CONFIRM_KEY = "1";

    private CallScript() {
    }

    /** What the contact hears first when they pick up. */
    public static Ask opening() {
        return new Ask(List.of(Cue.ALARM), new Menu(1));
    }

    /** What follows the keys (empty: none) pressed at a question. */
    public static Turn after(Step step, String digits) {
        String keys = digits == null ? "" : digits.strip();
        if (step instanceof Confirm confirm) {
            return afterConfirm(confirm, keys);
        }
        return afterMenu((Menu) step, keys);
    }

    private static Turn afterMenu(Menu menu, String keys) {
        return switch (keys) {
            case DISPATCH_KEY -> new Ask(List.of(Cue.CHOSEN), new Confirm(VerificationAction.DISPATCH, 1));
            case DISREGARD_KEY -> new Ask(List.of(Cue.CHOSEN), new Confirm(VerificationAction.DISREGARD, 1));
            case REPEAT_KEY -> opening();
            case "" -> menu.prompt() < PROMPTS ? new Ask(List.of(Cue.NOTHING_HEARD), new Menu(menu.prompt() + 1))
                    : new End(List.of(Cue.NO_KEY_GOODBYE));
            default -> new Ask(List.of(Cue.NOT_AN_OPTION), new Menu(1));
        };
    }

    private static Turn afterConfirm(Confirm confirm, String keys) {
        if (keys.equals(CONFIRM_KEY)) {
            return new Decide(confirm.action());
        }
        if (keys.isEmpty()) {
            return confirm.prompt() < PROMPTS
                    ? new Ask(List.of(Cue.NOTHING_HEARD, Cue.CHOSEN), new Confirm(confirm.action(), confirm.prompt() + 1))
                    : new End(List.of(Cue.NO_KEY_GOODBYE));
        }
        return new Ask(List.of(Cue.CHOOSE_AGAIN), new Menu(1));
    }

    /** A question of the call: where the contact's keys are posted to. */
    public sealed interface Step {

        /** Which asking of this question it is, from 1 to {@link #PROMPTS}. */
        int prompt();

        /** The question's name in records: {@code menu}, {@code confirm-dispatch}, {@code confirm-disregard}. */
        String label();
    }

    /** Dispatch, disregard or repeat? */
    public record Menu(int prompt) implements Step {

        public Menu {
            requirePrompt(prompt);
        }

        @Override
        public String label() {
            return "menu";
        }
    }

    /** Press 1 to confirm this choice. */
    public record Confirm(VerificationAction action, int prompt) implements Step {

        public Confirm {
            Objects.requireNonNull(action, "action");
            requirePrompt(prompt);
        }

        @Override
        public String label() {
            return "confirm-" + action.code();
        }
    }

    private static void requirePrompt(int prompt) {
        if (prompt < 1 || prompt > PROMPTS) {
            throw new IllegalArgumentException("prompt must be 1 to " + PROMPTS + ", was " + prompt);
        }
    }

    /** What the contact is told, in the order given, before a question or before the call ends. */
    public enum Cue {
        /** Who is calling, the site, the alarm (trigger, location, time). */
        ALARM,
        /** The choice in the step being asked, repeated back. */
        CHOSEN,
        NOTHING_HEARD,
        NOT_AN_OPTION,
        /** Another key than 1 at the confirmation: back to the menu. */
        CHOOSE_AGAIN,
        /** Recording the confirmed answer failed on the way: the contact may press 1 again. */
        NOT_RECORDED,
        /** The contact's answer is the decision. */
        ACCEPTED,
        /** The contact had already answered (this call or another way). */
        DECIDED_BY_YOU,
        /** Someone else answered first: what they decided, never who. */
        DECIDED_BY_ANOTHER,
        /** The alarm was cancelled or closed. */
        CLOSED,
        /** The answer was refused for a reason the contact cannot change (call the station). */
        NOT_TAKEN,
        /** No key after the last prompt. */
        NO_KEY_GOODBYE
    }

    /** What the service does next on the call. */
    public sealed interface Turn {
    }

    /** Says the cues, then asks the step's question. */
    public record Ask(List<Cue> cues, Step step) implements Turn {

        public Ask {
            cues = List.copyOf(cues);
            Objects.requireNonNull(step, "step");
        }
    }

    /** The contact confirmed an answer: it goes to the decision, which says how the call ends. */
    public record Decide(VerificationAction action) implements Turn {

        public Decide {
            Objects.requireNonNull(action, "action");
        }
    }

    /** Says the cues and hangs up. */
    public record End(List<Cue> cues) implements Turn {

        public End {
            cues = List.copyOf(cues);
        }
    }
}
