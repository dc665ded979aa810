package dev.faultline.ui.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on Boot's task scheduler ({@code spring.task.scheduling.*} in
 * {@code application.yml}): the dashboard's streams, its chaos poll and its traffic
 * generator all run on it, instead of each owning a private executor.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}
