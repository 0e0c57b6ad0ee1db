package io.vestibule.platform.api;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction that fails at commit reaches JAX-RS as a {@link TransactionalException}. Jersey's own mapper for
 * it rethrows, which would end in the container's error page; this one answers in the API's error shape.
 */
@Provider
@Priority(1)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {
    private final ApiExceptionMapper mapper = new ApiExceptionMapper();

    @Override
    public Response toResponse(TransactionalException failure) {
        return mapper.toResponse(failure.getCause() instanceof ApiProblem problem ? problem : failure);
    }
}
