package io.vestibule.platform.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationHeaderTest {

    @Test
    void theBearerSchemeIsReadInAnyCaseAndOthersAreNot() {
        assertThat(AuthorizationHeader.bearer("Bearer abc.def.ghi")).contains("abc.def.ghi");
        assertThat(AuthorizationHeader.bearer("bearer   abc ")).contains("abc");
        assertThat(AuthorizationHeader.bearer("Bearer ")).contains("");
        assertThat(AuthorizationHeader.bearer("Bearer")).isEmpty();
        assertThat(AuthorizationHeader.bearer("Basic YTpi")).isEmpty();
        assertThat(AuthorizationHeader.bearer(null)).isEmpty();
    }
}
