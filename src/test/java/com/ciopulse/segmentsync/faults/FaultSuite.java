package com.ciopulse.segmentsync.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** A class of the fault-injection suite: run alone with {@code mvn -B verify -Dgroups=faults}; rows go to the table. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("faults")
@ExtendWith(FaultTable.class)
@interface FaultSuite {
}
