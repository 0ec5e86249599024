package io.runledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.OrgId;

class ObjectPathTests {

	@ParameterizedTest
	@ValueSource(strings = { "model.pt", "checkpoints/epoch-3/model.pt", "a b/c d.txt", "données/été.csv",
			"emoji-😀.png", ".hidden", "..hidden", "a..b/c", "x/...", "100%", "50%zz.txt", "dir/with:colon",
			"MLmodel", "a/b/c/d/e/f/g/h.bin" })
	void a_relative_path_of_plain_segments_is_accepted_as_given(String path) {
		assertThat(ObjectPath.of(path).value()).isEqualTo(path);
	}

	@ParameterizedTest(name = "{0} is refused because the {1}")
	@CsvSource(delimiter = '|', value = {
			"../etc/passwd                 | path must not contain '..' segments",
			"a/../../b                     | path must not contain '..' segments",
			"a/..                          | path must not contain '..' segments",
			"..                            | path must not contain '..' segments",
			"./a                           | path must not contain '.' segments",
			"/etc/passwd                   | path must be relative, not absolute",
			"a\\b                          | path must not contain backslashes",
			"..\\..\\windows               | path must not contain backslashes",
			"%2e%2e/secret                 | path must not contain percent-encoded sequences",
			"a/%2E%2E/b                    | path must not contain percent-encoded sequences",
			"%252e%252e/secret             | path must not contain percent-encoded sequences",
			"a%2fb                         | path must not contain percent-encoded sequences",
			"a%00b                         | path must not contain percent-encoded sequences",
			"file:///etc/passwd            | path must be relative, not a URL",
			"s3://other-bucket/key         | path must be relative, not a URL",
			"http://169.254.169.254/latest | path must be relative, not a URL",
			"HTTPS:x                       | path must be relative, not a URL",
			"C:/Windows/win.ini           | path must be relative, not a URL",
			"a//b                          | path must not contain empty segments",
			"dir/                          | path must name a file" })
	void a_dangerous_path_is_refused_with_a_message_naming_the_problem(String path, String problem) {
		assertThatThrownBy(() -> ObjectPath.of(path)).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith(problem);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "\u0000", "model.pt\u0000.txt" })
	void a_nul_character_is_refused(String path) {
		assertThatThrownBy(() -> ObjectPath.of(path)).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("path must not contain a NUL character")
			.hasMessageNotContaining("\u0000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\nb", "a\rb", "a\tb", "a\u001bb", "a\u007fb", "a\u0085b", "a\u2028b" })
	void a_control_character_is_refused_and_not_echoed(String path) {
		assertThatThrownBy(() -> ObjectPath.of(path)).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("path must not contain control characters")
			.hasMessageNotContaining("\n")
			.hasMessageNotContaining("\r");
	}

	@Test
	void an_empty_or_missing_path_is_refused() {
		assertThatThrownBy(() -> ObjectPath.of("")).hasMessageStartingWith("path must not be empty");
		assertThatThrownBy(() -> ObjectPath.of(null)).hasMessageStartingWith("path must not be empty");
	}

	@Test
	void an_over_long_path_or_segment_is_refused() {
		var longSegment = "x".repeat(256);
		var longPath = "abcdefghi/".repeat(90) + "x";

		assertThatThrownBy(() -> ObjectPath.of(longSegment)).hasMessageStartingWith("path segments must be at most 255");
		assertThatThrownBy(() -> ObjectPath.of(longPath)).hasMessageStartingWith("path is too long: 901 bytes");
		assertThat(ObjectPath.of("x".repeat(255)).value()).hasSize(255);
	}

	@Test
	void a_lone_surrogate_is_refused_as_invalid_unicode() {
		assertThatThrownBy(() -> ObjectPath.of("a\ud800b")).hasMessageStartingWith("path must be valid Unicode");
	}

	@Test
	void the_object_key_nests_the_path_under_organisation_artifact_and_version() {
		var org = new OrgId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
		var artifact = UUID.fromString("00000000-0000-0000-0000-000000000002");

		var key = ObjectKey.artifactFile(org, artifact, 3, ObjectPath.of("ckpt/model.pt"));

		assertThat(key.value()).isEqualTo("orgs/00000000-0000-0000-0000-000000000001/artifacts/"
				+ "00000000-0000-0000-0000-000000000002/3/ckpt/model.pt");
	}

	@Test
	void file_name_and_directory_membership_follow_segments() {
		var path = ObjectPath.of("a/b/c.txt");

		assertThat(path.fileName()).isEqualTo("c.txt");
		assertThat(path.isUnder(ObjectPath.of("a/b"))).isTrue();
		assertThat(path.isUnder(ObjectPath.of("a/bc"))).isFalse();
		assertThat(ObjectPath.of("a/bc/d").isUnder(ObjectPath.of("a/b"))).isFalse();
	}
}
