print("unroll: under construction")
