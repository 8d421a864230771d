package io.facetrain.registry;

import static io.facetrain.registry.RegistryConfigTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionRefTest {

    @Test
    void numbersInAnyFormAreVersionsEverythingElseIsAnAlias() {
        assertEquals(VersionRef.of(3), VersionRef.parse("3"));
        assertEquals(VersionRef.of(3), VersionRef.parse("v3"));
        assertEquals(VersionRef.of(3), VersionRef.parse("v0003"));
        assertEquals("v0003", VersionRef.parse("3").toString());
        VersionRef champion = VersionRef.parse("champion");
        assertTrue(champion.isAlias());
        assertEquals("champion", champion.aliasName());
    }

    @Test
    void invalidReferencesAndNamesAreRejected() {
        assertMessage("versions start at 1", () -> VersionRef.parse("v0"));
        assertMessage("invalid alias 'Champion'", () -> VersionRef.parse("Champion"));
        assertMessage("empty version reference", () -> VersionRef.parse(""));
        assertMessage("not of the form v<number>", () -> VersionRef.alias("v12"));
        assertMessage("invalid model name '../etc'", () -> Names.requireModel("../etc"));
        assertMessage("invalid model name '.staging'", () -> Names.requireModel(".staging"));
    }

    @Test
    void configurationsFlattenToDottedPaths() {
        Map<String, String> flat = VersionDiff.flatten(Json.parseArgument(
                "{\"a\":{\"b\":1,\"c\":[true,{\"d\":\"x\"}]},\"e\":null,\"f\":{}}", "c"));
        assertEquals(Map.of("a.b", "1", "a.c[0]", "true", "a.c[1].d", "x", "e", "null", "f", "{}"),
                flat);
    }
}
