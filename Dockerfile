# One Dockerfile for both services: the build stage is the same for both (so the second image reuses its
# cached layers), and SERVICE picks which module the runtime stage packages.
#   docker build --build-arg SERVICE=backend-service -t faultline/backend-service:0.1.0 .
#   docker build --build-arg SERVICE=ui-service      -t faultline/ui-service:0.1.0 .
# docker-compose.yml passes SERVICE for you.

# ---- build: the Maven wrapper inside a JDK image, so a user needs nothing but Docker -------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# Poms first: the dependency layer is rebuilt only when a pom changes, not on every source edit.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY message-text/pom.xml message-text/
COPY web-problems/pom.xml web-problems/
COPY test-support/pom.xml test-support/
COPY backend-service/pom.xml backend-service/
COPY ui-service/pom.xml ui-service/
COPY deployment-tests/pom.xml deployment-tests/
RUN ./mvnw -B -q -pl backend-service,ui-service -am dependency:go-offline

# One layer per module: a change to the UI does not recompile the backend. The jar is renamed first,
# because extract names the launcher jar after it, and the runtime stage starts application.jar.
# message-text holds the author and text rules both services apply, web-problems their answers to what
# Tomcat rejects; -am builds them along with each service,
# and test-support too (a test-scoped dependency is still part of the reactor). Every build checks the style.
COPY src/checkstyle/ src/checkstyle/
COPY message-text/src/ message-text/src/
COPY web-problems/src/ web-problems/src/
COPY test-support/src/ test-support/src/
COPY backend-service/src/ backend-service/src/
RUN ./mvnw -B -q -pl backend-service -am -DskipTests package \
	&& cp backend-service/target/backend-service-*.jar /tmp/application.jar \
	&& java -Djarmode=tools -jar /tmp/application.jar extract --layers --destination /layers/backend-service
COPY ui-service/src/ ui-service/src/
RUN ./mvnw -B -q -pl ui-service -am -DskipTests package \
	&& cp ui-service/target/ui-service-*.jar /tmp/application.jar \
	&& java -Djarmode=tools -jar /tmp/application.jar extract --layers --destination /layers/ui-service

# The health check the runtime image runs: compiled here, because a JRE cannot launch a source file.
COPY docker/HealthCheck.java /healthcheck/
RUN javac --release 17 -d /healthcheck /healthcheck/HealthCheck.java

# ---- runtime: a JRE, a non-root user, Spring Boot's extracted layers (least to most often changed) -----
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --no-create-home faultline \
	&& mkdir -p /app /data \
	&& chown faultline:faultline /data
WORKDIR /app
COPY --from=build /healthcheck/HealthCheck.class /opt/healthcheck/
# Declared this late so that the layers above are shared by both images.
ARG SERVICE=backend-service
COPY --from=build /layers/${SERVICE}/dependencies/ ./
COPY --from=build /layers/${SERVICE}/spring-boot-loader/ ./
COPY --from=build /layers/${SERVICE}/snapshot-dependencies/ ./
COPY --from=build /layers/${SERVICE}/application/ ./
# Class data sharing (Spring Boot's training run): start the context once, store the loaded classes in a CDS
# archive, and map it at every start, so the classes need not be found, parsed and verified again. The training
# run uses a throw-away data directory and exits after the context is refreshed; it serves no request.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh \
		-Dfaultline.data-dir=/tmp/cds-training -jar application.jar \
	&& rm -rf /tmp/cds-training
USER faultline
# The backend keeps its H2 files here; mount a volume on it (compose and Kubernetes do).
ENV FAULTLINE_DATA_DIR=/data
# Heap sized from the container's memory limit, not the host's; an OutOfMemoryError ends the process so
# the restart policy replaces it instead of leaving a half-dead JVM. Add your own flags with JAVA_TOOL_OPTIONS.
# The archive is only used if it matches this JVM and class path; otherwise the JVM starts without it.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "application.jar"]
