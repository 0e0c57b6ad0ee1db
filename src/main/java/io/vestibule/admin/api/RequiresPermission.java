package io.vestibule.admin.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.vestibule.identity.roles.Permission;

/** The permission an admin endpoint needs, or one of them when it names several (R-ADM-4); {@link AdminAuthorization} enforces it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {
    Permission[] value();
}
