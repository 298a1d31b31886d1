def greeting() -> str:
    return "hello from python-api"
