package com.centralstation.verification.app.input;

import com.centralstation.verification.app.input.Limits;
/**
 * The longest values our tables store (see the Flyway migrations). Input is checked against them at the
 * edge, so an over-long value is a 400 naming the field rather than a database error.
 */
public final class Limits {

    public static final int ID = 255;
    public static final int NAME = 255;
    public static final int PHONE = 64;
    public static final int EMAIL = 320;
    public static final int WORD = 64;
    public static final int TEXT = 1000;
    public static final int URL = 2048;

    private Limits() {
    }
}
