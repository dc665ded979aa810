package dev.faultline.backend.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.springframework.stereotype.Component;

/**
 * Makes JSON binding strict where Jackson is lenient by default: {@code {"author": 42}}
 * is a type error, not the string {@code "42"}. A Jackson module (rather than a builder
 * customizer) so that web slice tests pick it up too.
 */
@Component
class StrictJsonModule extends SimpleModule {

	StrictJsonModule() {
		super("faultline-strict-json");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		if (context.getOwner() instanceof ObjectMapper mapper) {
			mapper.coercionConfigFor(LogicalType.Textual)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
		}
	}

}
