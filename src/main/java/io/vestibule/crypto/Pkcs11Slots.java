package io.vestibule.crypto;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot of a token by its label. The JDK 17's SunPKCS11 provider selects a token only by slot id
 * ({@code slot}) or position ({@code slotListIndex}), and slot ids are not stable enough to configure by hand:
 * SoftHSM2, for one, derives them from the token's serial number, so they change whenever a token is
 * re-created. The labels are read through the JDK's own PKCS#11 binding ({@code sun.security.pkcs11.wrapper}),
 * the one SunPKCS11 uses: it shares SunPKCS11's loaded library and its {@code C_Initialize}, and it needs the
 * JVM option {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}, which
 * vestibule.jar's manifest declares.
 */
final class Pkcs11Slots {
    private static final String WRAPPER = "sun.security.pkcs11.wrapper";
    // CKF_OS_LOCKING_OK, as SunPKCS11 initializes the library: the first C_Initialize of a library wins.
    private static final long OS_LOCKING_OK = 0x2L;

    private Pkcs11Slots() {
    }

    /** The slot id of the only token labelled {@code label}; an {@link IllegalStateException} naming the setting otherwise. */
    static long slotOf(Path library, String label) {
        List<String> labels = new ArrayList<>();
        List<Long> matches = new ArrayList<>();
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + ".PKCS11");
            if (!pkcs11.getModule().isExported(WRAPPER, Pkcs11Slots.class.getModule())) {
                throw new IllegalStateException("Finding the token by " + Pkcs11Settings.TOKEN_LABEL_SETTING
                        + " needs the JVM option --add-exports jdk.crypto.cryptoki/" + WRAPPER + "=ALL-UNNAMED"
                        + " (java -jar vestibule.jar has it); or name the slot by " + Pkcs11Settings.SLOT_SETTING);
            }
            Class<?> initArgsType = Class.forName(WRAPPER + ".CK_C_INITIALIZE_ARGS");
            Object initArgs = initArgsType.getConstructor().newInstance();
            initArgsType.getField("flags").setLong(initArgs, OS_LOCKING_OK);
            Object module = pkcs11.getMethod("getInstance", String.class, String.class, initArgsType, boolean.class)
                    .invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
            Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            for (long slot : (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true)) {
                Object info = tokenInfo.invoke(module, slot);
                String found = new String((char[]) info.getClass().getField("label").get(info)).strip();
                if (!found.isEmpty()) {
                    labels.add(found);
                }
                if (found.equals(label.strip())) {
                    matches.add(slot);
                }
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot list the tokens of the PKCS#11 library " + library + " ("
                    + Pkcs11Settings.LIBRARY_SETTING + "): " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This JDK's PKCS#11 binding cannot list tokens (" + e
                    + "); name the slot by " + Pkcs11Settings.SLOT_SETTING + " instead of " + Pkcs11Settings.TOKEN_LABEL_SETTING, e);
        }
        if (matches.isEmpty()) {
            throw new IllegalStateException("No token labelled '" + label + "' (" + Pkcs11Settings.TOKEN_LABEL_SETTING
                    + ") in " + library + "; its tokens are labelled " + labels);
        }
        if (matches.size() > 1) {
            throw new IllegalStateException(matches.size() + " tokens are labelled '" + label + "' ("
                    + Pkcs11Settings.TOKEN_LABEL_SETTING + ") in " + library + ": name one by " + Pkcs11Settings.SLOT_SETTING
                    + " (slots " + matches + ")");
        }
        return matches.get(0);
    }
}
