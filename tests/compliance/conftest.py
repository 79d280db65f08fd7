import pytest

# The shared checks of a reason report what differed, as asserts in a test module do.
pytest.register_assert_rewrite("tests.compliance.builders")
