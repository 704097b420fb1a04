package com.centralstation.verification.app.input;

import com.centralstation.verification.app.input.InvalidInputException;
/** A request the caller must fix: answered 400 with the offending field named in the problem. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
