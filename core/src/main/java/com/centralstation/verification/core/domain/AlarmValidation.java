package com.centralstation.verification.core.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validation record of a decided alarm, as the station's validation tables scored it.
 *
 * @param avsLevel the ANSI/TMA AVS-01 level, 0 (no validation) to 4 (threat to life confirmed)
 * @param avsReason why the table gave that level
 * @param ecvRequired whether enhanced call verification applies (a burglary-type dispatch)
 * @param ecvMet whether the ECV rule was satisfied; meaningful only when required
 * @param ecvReason why the table judged ECV so
 * @param seen what the deciding contact said they saw, if they said
 */
public record AlarmValidation(int avsLevel, String avsReason, boolean ecvRequired, boolean ecvMet, String ecvReason,
                              Optional<ContactObservation> seen) {

    public AlarmValidation {
        if (avsLevel < 0 || avsLevel > 4) {
            throw new IllegalArgumentException("AVS-01 levels are 0 to 4, was " + avsLevel);
        }
        avsReason = avsReason == null ? "" : avsReason;
        ecvReason = ecvReason == null ? "" : ecvReason;
        seen = seen == null ? Optional.empty() : seen;
    }

    /** The validation as the timeline's last {@link AuditEventType#ALARM_VALIDATED} row recorded it; empty when none. */
    public static Optional<AlarmValidation> lastRecorded(List<AuditEvent> timeline) {
        return timeline.stream().filter(e -> e.type() == AuditEventType.ALARM_VALIDATED).reduce((first, second) -> second)
                .map(event -> {
                    Map<String, String> d = event.details();
                    return new AlarmValidation(Integer.parseInt(d.getOrDefault(AuditDetail.AVS_LEVEL, "0")),
                            d.get(AuditDetail.AVS_REASON), Boolean.parseBoolean(d.get(AuditDetail.ECV_REQUIRED)),
                            Boolean.parseBoolean(d.get(AuditDetail.ECV_MET)), d.get(AuditDetail.ECV_REASON),
                            Optional.ofNullable(d.get(AuditDetail.SEEN)).flatMap(ContactObservation::fromCode));
                });
    }
}
