// UnrollApp — placeholder, replaced as the module is built.
