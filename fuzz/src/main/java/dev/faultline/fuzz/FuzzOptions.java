package dev.faultline.fuzz;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The command line. */
record FuzzOptions(long seed, int requests, URI backend, URI management, URI ui) {

	static FuzzOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
			}
			values.put(args[i].substring(2), args[i + 1]);
		}
		Set<String> names = new TreeSet<>(List.of("seed", "requests", "backend", "management", "ui"));
		for (String name : values.keySet()) {
			if (!names.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name);
			}
		}
		for (String name : names) {
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("missing --" + name);
			}
		}
		int requests;
		long seed;
		try {
			requests = Integer.parseInt(values.get("requests"));
			seed = Long.parseLong(values.get("seed"));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--seed and --requests take whole numbers");
		}
		if (requests < 10 || requests > 100_000) {
			throw new IllegalArgumentException("--requests must be between 10 and 100000");
		}
		return new FuzzOptions(seed, requests, local(values.get("backend")), local(values.get("management")),
				local(values.get("ui")));
	}

	/**
	 * A base URL on 127.0.0.1 with a port and nothing after it: the fuzzer sends load
	 * nowhere else.
	 */
	private static URI local(String url) {
		URI uri;
		try {
			uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a URL: " + url);
		}
		boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
				&& uri.getRawFragment() == null && uri.getRawUserInfo() == null;
		if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 1 || !bare) {
			throw new IllegalArgumentException("only http://127.0.0.1:PORT is allowed, not " + url);
		}
		return uri;
	}

}
