from onlinefriday.cli import main

main()
