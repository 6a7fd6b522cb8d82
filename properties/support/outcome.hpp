// The observable result of one operation: success, an empty optional, or which documented
// exception escaped. Models predict an outcome; the system under test reports one.
#pragma once

#include <new>
#include <ostream>
#include <stdexcept>

#include "counted.hpp"

namespace props {

enum class outcome {
  ok,
  nullopt,
  injected,
  length_error,
  out_of_range,
  invalid_argument,
  bad_alloc
};

inline std::ostream& operator<<(std::ostream& os, outcome o) {
  switch (o) {
    case outcome::ok:
      return os << "ok";
    case outcome::nullopt:
      return os << "nullopt";
    case outcome::injected:
      return os << "injected_failure";
    case outcome::length_error:
      return os << "std::length_error";
    case outcome::out_of_range:
      return os << "std::out_of_range";
    case outcome::invalid_argument:
      return os << "std::invalid_argument";
    case outcome::bad_alloc:
      return os << "std::bad_alloc";
  }
  return os << "outcome(?)";
}

/// Runs `op` (which returns an outcome) and maps the documented exceptions to their outcome.
/// Anything else (a RapidCheck assertion included) propagates.
template <class Op>
outcome capture(Op&& op) {
  try {
    return op();
  } catch (const injected_failure&) {
    return outcome::injected;
  } catch (const std::length_error&) {
    return outcome::length_error;
  } catch (const std::out_of_range&) {
    return outcome::out_of_range;
  } catch (const std::invalid_argument&) {
    return outcome::invalid_argument;
  } catch (const std::bad_alloc&) {
    return outcome::bad_alloc;
  }
}

}  // namespace props
