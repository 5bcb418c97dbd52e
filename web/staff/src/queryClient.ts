import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api.ts";

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthorized(error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorized(error) }),
    defaultOptions: {
      queries: {
        // A 4xx answer will not change on retry; a dropped connection might.
        retry: (count, error) =>
          count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });

  function onUnauthorized(error: unknown) {
    // The session expired or was ended elsewhere: forget the user; the layout redirects to /login.
    if (isApiError(error, 401) && client.getQueryData(["session"])) {
      client.setQueryData(["session"], null);
    }
  }

  return client;
}
