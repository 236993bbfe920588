from hesabdar.kit.errors import BusinessRuleViolation


class EmailAlreadyRegistered(BusinessRuleViolation):
    def __init__(self, email: str) -> None:
        super().__init__(
            f"A user with email {email} already exists and the password given does not match it."
        )
