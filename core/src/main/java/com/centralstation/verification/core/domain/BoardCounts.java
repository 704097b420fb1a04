package com.centralstation.verification.core.domain;

import java.util.EnumMap;
import java.util.Map;

/** How many open verifications the board holds, per alarm class and response-time band. */
public record BoardCounts(Map<AlarmClass, Map<ResponseTime, Long>> byClassAndBucket) {

    public BoardCounts {
        Map<AlarmClass, Map<ResponseTime, Long>> complete = new EnumMap<>(AlarmClass.class);
        for (AlarmClass alarmClass : AlarmClass.values()) {
            Map<ResponseTime, Long> buckets = new EnumMap<>(ResponseTime.class);
            for (ResponseTime bucket : ResponseTime.values()) {
                buckets.put(bucket, byClassAndBucket.getOrDefault(alarmClass, Map.of()).getOrDefault(bucket, 0L));
            }
            complete.put(alarmClass, Map.copyOf(buckets));
        }
        byClassAndBucket = Map.copyOf(complete);
    }

    public long of(AlarmClass alarmClass, ResponseTime bucket) {
        return byClassAndBucket.get(alarmClass).get(bucket);
    }

    public long ofClass(AlarmClass alarmClass) {
        return byClassAndBucket.get(alarmClass).values().stream().mapToLong(Long::longValue).sum();
    }

    public long ofBucket(ResponseTime bucket) {
        return byClassAndBucket.values().stream().mapToLong(buckets -> buckets.get(bucket)).sum();
    }

    public long total() {
        return byClassAndBucket.keySet().stream().mapToLong(this::ofClass).sum();
    }
}
