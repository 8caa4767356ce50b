module com.example.modular {
    requires io.scmpush.core;
}
