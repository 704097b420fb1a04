package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.ValidationFacts;

/** The station's validation tables (AVS-01 level and enhanced call verification), which analysts edit. */
public interface AlarmValidationTables {

    AlarmValidation score(ValidationFacts facts);
}
