package dev.faultline.benchmarks.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application with actuator and nothing else, started by the benchmarks
 * beside the services so that their startup time and memory can be given as a ratio to
 * what Spring Boot itself costs on the same machine.
 */
@SpringBootApplication
public class BareApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareApplication.class, args);
	}

}
