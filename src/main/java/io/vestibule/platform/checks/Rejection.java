package io.vestibule.platform.checks;

/** Why a check refused: a stable code that callers may be told. It names the rule, never the input. */
public interface Rejection {

    String code();
}
